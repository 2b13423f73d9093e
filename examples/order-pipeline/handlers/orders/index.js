// Handlers of the order-pipeline example (Node.js 22), portable: the same code on AWS,
// Azure, Google Cloud and the local run (handlerApi PORTABLE; cirrus-runtime comes with the package).
//
//   placeOrder:       POST /orders: validates the order, prices it and publishes OrderPlaced.
//   quoteOrder:       POST /quotes: prices a basket without placing it.
//   reserveStock:     OrderPlaced (topic): reserves each line's quantity.
//   sendConfirmation: OrderPlaced (topic): builds the confirmation email.
//   closeDay:         nightly: writes the day's invoice run under invoices/.
//   deliverInvoice:   a new object under invoices/: sends it to the customer.
'use strict';
const { bucket, topic } = require('cirrus-runtime');

/** VAT rates by shipping country; orders elsewhere are rejected. */
const VAT = { DE: 0.19, FR: 0.2, NL: 0.21, IE: 0.23 };

/** Checks an order and computes its totals, in cents. Returns `{ problems }` or `{ order }`. */
function priceOrder(input) {
  const problems = [];
  if (!input || typeof input !== 'object') return { problems: ['order must be a JSON object'] };
  if (typeof input.orderId !== 'string' || input.orderId === '') problems.push('orderId must be a non-empty string');
  if (typeof input.customerEmail !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.customerEmail)) problems.push('customerEmail must be an email address');
  if (!(input.shipTo in VAT)) problems.push(`shipTo must be one of ${Object.keys(VAT).join(', ')}`);
  if (!Array.isArray(input.lines) || input.lines.length === 0) problems.push('lines must list at least one item');
  (input.lines || []).forEach((l, i) => {
    if (typeof l.sku !== 'string' || !Number.isInteger(l.quantity) || l.quantity < 1 || !Number.isInteger(l.unitPriceCents) || l.unitPriceCents < 0) {
      problems.push(`lines[${i}] needs a sku, a quantity of at least 1 and a unitPriceCents`);
    }
  });
  if (problems.length > 0) return { problems };
  const netCents = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const vatCents = Math.round(netCents * VAT[input.shipTo]);
  return { order: { ...input, netCents, vatCents, totalCents: netCents + vatCents } };
}

exports.placeOrder = async (event) => {
  const { problems, order } = priceOrder(event.http.body);
  if (problems) return { statusCode: 400, body: { problems } };
  await topic('OrderEvents').publish({ type: 'OrderPlaced', order }, { attributes: { type: 'OrderPlaced' } });
  return { statusCode: 202, body: { orderId: order.orderId, totalCents: order.totalCents } };
};

exports.quoteOrder = async (event) => {
  const { problems, order } = priceOrder({ orderId: 'quote', ...(event.http.body || {}) });
  if (problems) return { statusCode: 400, body: { problems } };
  return { statusCode: 200, body: { netCents: order.netCents, vatCents: order.vatCents, totalCents: order.totalCents } };
};

exports.reserveStock = async (event) => {
  for (const { data } of event.records) {
    for (const line of data.order.lines) {
      console.log(JSON.stringify({ message: 'stock reserved', orderId: data.order.orderId, sku: line.sku, quantity: line.quantity }));
    }
  }
};

exports.sendConfirmation = async (event) => {
  for (const { data: { order } } of event.records) {
    const total = (order.totalCents / 100).toFixed(2);
    const email = {
      to: order.customerEmail,
      subject: `Order ${order.orderId} confirmed`,
      text: [`Thank you for your order ${order.orderId}.`, ...order.lines.map((l) => `${l.quantity} x ${l.sku}`), `Total: EUR ${total} incl. VAT`].join('\n'),
    };
    console.log(JSON.stringify({ message: 'confirmation queued', ...email }));
  }
};

/** The invoice run of the day before now: one CSV under invoices/<date>/. */
exports.closeDay = async () => {
  const day = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  const csv = 'orderId,netCents,vatCents,totalCents\n'; // the order store adds one line per order of the day
  await bucket('Invoices').put(`invoices/${day}/run.csv`, csv, { contentType: 'text/csv' });
  console.log(JSON.stringify({ message: 'invoice run written', day }));
};

exports.deliverInvoice = async (event) => {
  for (const { data } of event.records) {
    if (!data.name || !data.name.startsWith('invoices/')) continue; // the trigger filters by prefix; be safe anyway
    console.log(JSON.stringify({ message: 'invoice delivered', bucket: data.bucket, name: data.name, size: data.size }));
  }
};

exports.priceOrder = priceOrder;
