// Handlers of the fraud-detection example (Node.js 22), portable: the same code on AWS,
// Azure, Google Cloud and the local run (handlerApi PORTABLE).
//
//   scorePayment: checkout posts one payment (HTTP); settlement sends payments
//                 through the queue. Each is scored; review and decline
//                 decisions are published to the FraudAlerts topic.
//   openCase:     receives each fraud alert from the topic and opens a case.
'use strict';
const { topic } = require('cirrus-runtime');
const { score, validate } = require('./rules');

const thresholds = () => ({ review: Number(process.env.REVIEW_SCORE || 50), block: Number(process.env.BLOCK_SCORE || 80) });

/** Scores one payment and publishes a review or decline decision; throws if the alert cannot be published. */
async function scoreOne(payment) {
  const result = score(payment, thresholds());
  console.log(JSON.stringify({ message: 'payment scored', ...result }));
  if (result.decision !== 'approve') {
    await topic('FraudAlerts').publish({ ...result, amountCents: payment.amountCents, currency: payment.currency }, { attributes: { decision: result.decision } });
  }
  return result;
}

exports.scorePayment = async (event) => {
  if (event.trigger === 'http') {
    const problems = validate(event.http.body);
    if (problems.length > 0) return { statusCode: 400, body: { problems } };
    return { statusCode: 200, body: await scoreOne(event.http.body) };
  }
  const failedRecordIds = [];
  for (const r of event.records) {
    const problems = validate(r.data);
    if (problems.length > 0) {
      // A malformed queued payment cannot succeed on retry: log it and let it go.
      console.error(JSON.stringify({ message: 'invalid payment dropped', id: r.id, problems }));
      continue;
    }
    try {
      await scoreOne(r.data);
    } catch (e) {
      // Only this payment returns to the queue (and, after its attempts, to the dead-letter queue).
      console.error(JSON.stringify({ message: 'alert not published', id: r.id, error: String(e) }));
      failedRecordIds.push(r.id);
    }
  }
  return { failedRecordIds };
};

exports.openCase = async (event) => {
  for (const { data: alert } of event.records) {
    const priority = alert.decision === 'decline' || alert.score >= 90 ? 'high' : 'normal';
    const entry = {
      caseId: `case-${alert.paymentId}`, queue: process.env.CASE_QUEUE, priority,
      paymentId: alert.paymentId, score: alert.score, reasons: alert.reasons,
    };
    console.log(JSON.stringify({ message: 'case opened', ...entry }));
  }
};
