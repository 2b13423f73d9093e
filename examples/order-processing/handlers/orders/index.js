// Order handler of the order-processing example. Each cloud calls `handler`
// with its own event shape: an API Gateway / SQS / Scheduler event on AWS,
// (trigger input, context) on Azure (Node.js v4 model), (req, res) through the Functions Framework on GCP.
exports.handler = async (...args) => {
  const [first] = args;
  console.log(JSON.stringify({ message: 'order event received', kind: typeof first }));
  return { statusCode: 202, body: JSON.stringify({ accepted: true }) };
};
