// Catalog origin of the edge-personalization example. It answers with products
// ordered for the visitor's segment, which the edge puts in the x-segment request
// header. Each cloud calls `handler` with its own shape: an API Gateway HTTP API
// event on AWS, (request, context) on Azure (Node.js v4 model), (req, res) through the Functions
// Framework on GCP.
const PRODUCTS = [
  { id: 'tent', name: 'Tent', audience: 'returning' },
  { id: 'boots', name: 'Boots', audience: 'new' },
  { id: 'stove', name: 'Stove', audience: 'returning' },
];

function catalogFor(segment) {
  const first = PRODUCTS.filter((p) => p.audience === segment);
  const rest = PRODUCTS.filter((p) => p.audience !== segment);
  return { segment, products: [...first, ...rest] };
}

function header(headers, name) {
  const value = headers && (typeof headers.get === 'function' ? headers.get(name) : headers[name]);
  return value || 'new';
}

// Responses vary by segment: shared caches may keep them a minute per segment.
const CACHE = { 'content-type': 'application/json', 'cache-control': 'public, max-age=60', vary: 'x-segment' };

exports.handler = async (first, second) => {
  if (second && typeof second.send === 'function') {
    second.set(CACHE).send(JSON.stringify(catalogFor(header(first.headers, 'x-segment'))));
    return undefined;
  }
  if (second && second.invocationId) {
    // Azure Functions Node.js v4 model: (request, context), the response is the return value.
    return { status: 200, headers: CACHE, body: JSON.stringify(catalogFor(header(first.headers, 'x-segment'))) };
  }
  return { statusCode: 200, headers: CACHE, body: JSON.stringify(catalogFor(header(first.headers, 'x-segment'))) };
};
