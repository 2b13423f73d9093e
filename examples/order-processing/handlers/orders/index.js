// Order handler of the order-processing example, portable (handlerApi PORTABLE):
// one module for every function of the example, on AWS, Azure, Google Cloud and
// the local run. Each function gets the events of its own triggers.
'use strict';
const { bucket, queue, topic } = require('cirrus-runtime');

/** An order is `{ orderId, amountCents }`; returns what is wrong with it. */
function problemsOf(order) {
  const problems = [];
  if (!order || typeof order !== 'object') return ['the order must be a JSON object'];
  if (typeof order.orderId !== 'string' || order.orderId === '') problems.push('orderId must be a non-empty string');
  if (!Number.isInteger(order.amountCents) || order.amountCents <= 0) problems.push('amountCents must be a whole number above 0');
  return problems;
}

exports.handler = async (event) => {
  switch (event.trigger) {
    case 'http': {
      if (event.http.method === 'GET') {
        // GET /invoices/{orderId}: the invoice the order function filed.
        const orderId = decodeURIComponent(event.http.path.split('/').pop());
        try {
          return { statusCode: 200, body: JSON.parse((await bucket('Invoices').get(`invoices/${orderId}.json`)).toString()) };
        } catch (e) {
          if (/HTTP 404|NoSuchKey|NotFound/.test(String(e && (e.name + e.message)))) return { statusCode: 404, body: { problems: [`no invoice for order ${orderId}`] } };
          throw e;
        }
      }
      // POST /orders: accept the order; the queue holds it until it is processed.
      const order = event.http.body;
      const problems = problemsOf(order);
      if (problems.length > 0) return { statusCode: 400, body: { problems } };
      await queue('Orders').send(order);
      return { statusCode: 202, body: { accepted: order.orderId } };
    }
    case 'queue': {
      // Orders from the queue: announce each and file its invoice. A malformed order fails
      // alone, is delivered again, and reaches the dead-letter queue after its attempts.
      const failedRecordIds = [];
      for (const r of event.records) {
        if (problemsOf(r.data).length > 0) {
          failedRecordIds.push(r.id);
          continue;
        }
        await topic('OrderEvents').publish({ type: 'OrderAccepted', order: r.data }, { attributes: { type: 'OrderAccepted' } });
        await bucket('Invoices').put(`invoices/${r.data.orderId}.json`, { orderId: r.data.orderId, amountCents: r.data.amountCents });
        console.log(JSON.stringify({ message: 'order processed', orderId: r.data.orderId }));
      }
      return { failedRecordIds };
    }
    case 'schedule':
      console.log(JSON.stringify({ message: 'reconciliation run', at: event.records[0].data.scheduledTime }));
      return undefined;
    default:
      // Topic fan-out (inventory, notification) and new invoices (archive).
      for (const r of event.records) {
        console.log(JSON.stringify({ message: `${event.trigger} record handled`, id: r.id, data: r.data }));
      }
      return undefined;
  }
};

exports.problemsOf = problemsOf;
