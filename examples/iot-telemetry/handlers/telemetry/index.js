// Handlers of the iot-telemetry example (Node.js 22), portable: the same code on AWS,
// Azure, Google Cloud and the local run (handlerApi PORTABLE).
//
//   ingest:            POST /telemetry: a device's batch of readings, each put on the
//                      Telemetry bus as a TemperatureReading or BatteryReading event.
//   detectOverheating: TemperatureReading events only (the bus filters them).
//   trackBattery:      BatteryReading events only.
'use strict';
const { bus } = require('cirrus-runtime');

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

exports.ingest = async (event) => {
  const { problems, events } = toEvents(event.http.body);
  if (problems) return { statusCode: 400, body: { problems } };
  for (const e of events) {
    await bus('Telemetry').put(e.type, e.detail, { source: e.source });
  }
  return { statusCode: 202, body: { accepted: events.length } };
};

exports.detectOverheating = async (event) => {
  const limit = Number(process.env.MAX_TEMPERATURE_C || 85);
  for (const { data } of event.records) {
    if (data.value >= limit) {
      // An error would raise the function's alarm; an overheating device is an expected finding.
      console.warn(JSON.stringify({ message: 'device overheating', deviceId: data.deviceId, celsius: data.value, limit, at: data.at }));
    }
  }
};

exports.trackBattery = async (event) => {
  const floor = Number(process.env.MIN_BATTERY_PERCENT || 15);
  for (const { data } of event.records) {
    if (data.value <= floor) {
      console.log(JSON.stringify({ message: 'battery swap scheduled', deviceId: data.deviceId, percent: data.value, at: data.at }));
    }
  }
};

exports.toEvents = toEvents;
