// Regional personalisation function of the edge-personalization example on
// Azure (Node.js v4 model: (request, context)). Azure Front Door runs no user
// code, so it sends every request here with its own path (the function's
// HTTP trigger takes every path). The function adds the segment header and
// forwards the request to the origin at CIRRUS_EDGE_ORIGIN_URL.
function segmentOf(cookieHeader) {
  const match = /(?:^|;\s*)segment=(new|returning)(?:;|$)/.exec(cookieHeader || '');
  return match ? match[1] : 'new';
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];

exports.handler = async (request) => {
  const original = new URL(request.url);
  const target = new URL(original.pathname + original.search, process.env.CIRRUS_EDGE_ORIGIN_URL);
  const headers = Object.fromEntries([...request.headers].filter(([name]) => !HOP_BY_HOP.includes(name.toLowerCase())));
  headers['x-segment'] = segmentOf(request.headers.get('cookie'));
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : Buffer.from(await request.arrayBuffer());
  const response = await fetch(target, { method: request.method, headers, body });
  return {
    status: response.status,
    headers: Object.fromEntries([...response.headers].filter(([name]) => !HOP_BY_HOP.includes(name))),
    body: Buffer.from(await response.arrayBuffer()),
  };
};
