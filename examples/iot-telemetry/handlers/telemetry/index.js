// Handlers of the iot-telemetry example (Node.js 22).
//
//   ingest:            POST /telemetry: a device's batch of readings, each put on the
//                      Telemetry bus as a TemperatureReading or BatteryReading event.
//   detectOverheating: TemperatureReading events only (the bus filters them).
//   trackBattery:      BatteryReading events only.
'use strict';
const { invocation, putEvents } = require('./platform');

const SOURCE = 'com.acme.devices';
const TYPES = { temperature: 'TemperatureReading', battery: 'BatteryReading' };

/** Turns a device batch `{ deviceId, readings: [{ kind, value, at }] }` into bus events, or problems. */
function toEvents(batch) {
  if (!batch || typeof batch.deviceId !== 'string' || !/^[a-z0-9-]{3,64}$/.test(batch.deviceId)) {
    return { problems: ['deviceId must be 3-64 lowercase letters, digits or dashes'] };
  }
  if (!Array.isArray(batch.readings) || batch.readings.length === 0 || batch.readings.length > 100) {
    return { problems: ['readings must hold 1-100 readings'] };
  }
  const problems = [];
  const events = batch.readings.map((r, i) => {
    if (!(r.kind in TYPES) || typeof r.value !== 'number' || Number.isNaN(Date.parse(r.at))) {
      problems.push(`readings[${i}] needs a kind (${Object.keys(TYPES).join(' or ')}), a numeric value and an ISO time`);
    }
    return { source: SOURCE, type: TYPES[r.kind], id: `${batch.deviceId}-${r.kind}-${r.at}`, detail: { deviceId: batch.deviceId, value: r.value, at: r.at } };
  });
  return problems.length > 0 ? { problems } : { events };
}

exports.ingest = async (...args) => {
  const call = await invocation(args);
  // GCP serves every path and method at the function URL: accept POST only.
  if (call.records[0].kind === 'http' && call.records[0].attributes.method !== 'POST') return call.reply(405, { problems: ['use POST'] });
  const { problems, events } = toEvents(call.records[0].body);
  if (problems) return call.reply(400, { problems });
  await putEvents(process.env.TELEMETRY_BUS, events);
  return call.reply(202, { accepted: events.length });
};

exports.detectOverheating = async (...args) => {
  const call = await invocation(args);
  const limit = Number(process.env.MAX_TEMPERATURE_C || 85);
  for (const { body } of call.records) {
    if (body.value >= limit) {
      // An error would raise the function's alarm; an overheating device is an expected finding.
      console.warn(JSON.stringify({ message: 'device overheating', deviceId: body.deviceId, celsius: body.value, limit, at: body.at }));
    }
  }
  return call.reply(200, { checked: call.records.length });
};

exports.trackBattery = async (...args) => {
  const call = await invocation(args);
  const floor = Number(process.env.MIN_BATTERY_PERCENT || 15);
  for (const { body } of call.records) {
    if (body.value <= floor) {
      console.log(JSON.stringify({ message: 'battery swap scheduled', deviceId: body.deviceId, percent: body.value, at: body.at }));
    }
  }
  return call.reply(200, { checked: call.records.length });
};

exports.toEvents = toEvents;
