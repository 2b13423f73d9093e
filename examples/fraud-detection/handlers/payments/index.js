// Handlers of the fraud-detection example (Node.js 22).
//
//   scorePayment: checkout posts one payment (HTTP); settlement sends payments
//                 through the queue. Each is scored; review and decline
//                 decisions are published to the FraudAlerts topic.
//   openCase:     receives each fraud alert from the topic and opens a case.
'use strict';
const { invocation, publishToTopic } = require('./platform');
const { score, validate } = require('./rules');

const thresholds = () => ({ review: Number(process.env.REVIEW_SCORE || 50), block: Number(process.env.BLOCK_SCORE || 80) });

exports.scorePayment = async (...args) => {
  const call = await invocation(args);
  // GCP serves every path and method at the function URL: accept POST only.
  if (call.records[0].kind === 'http' && call.records[0].attributes.method !== 'POST') return call.reply(405, { problems: ['use POST'] });
  const results = [];
  const failed = [];
  for (const r of call.records) {
    const problems = validate(r.body);
    if (problems.length > 0) {
      if (r.kind === 'http') return call.reply(400, { problems });
      // A malformed queued payment cannot succeed on retry: log it and let it go.
      console.error(JSON.stringify({ message: 'invalid payment dropped', id: r.id, problems }));
      continue;
    }
    const result = score(r.body, thresholds());
    results.push(result);
    console.log(JSON.stringify({ message: 'payment scored', ...result }));
    if (result.decision !== 'approve') {
      try {
        await publishToTopic(process.env.FRAUD_ALERTS_TOPIC, { ...result, amountCents: r.body.amountCents, currency: r.body.currency },
          { decision: result.decision });
      } catch (e) {
        console.error(JSON.stringify({ message: 'alert not published', paymentId: result.paymentId, error: String(e) }));
        failed.push(r.id);
      }
    }
  }
  return call.reply(200, results.length === 1 ? results[0] : { results }, failed);
};

exports.openCase = async (...args) => {
  const call = await invocation(args);
  const cases = call.records.map((r) => {
    const alert = r.body;
    const priority = alert.decision === 'decline' || alert.score >= 90 ? 'high' : 'normal';
    const entry = {
      caseId: `case-${alert.paymentId}`, queue: process.env.CASE_QUEUE, priority,
      paymentId: alert.paymentId, score: alert.score, reasons: alert.reasons,
    };
    console.log(JSON.stringify({ message: 'case opened', ...entry }));
    return entry;
  });
  return call.reply(200, { cases });
};
