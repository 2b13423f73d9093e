// Regional personalisation function of the edge-personalization example on
// Azure (Node.js v3 model: (context, req)). Azure Front Door runs no user
// code, so it sends every request here with its own path (the function's
// HTTP trigger takes every path). The function adds the segment header and
// forwards the request to the origin at CIRRUS_EDGE_ORIGIN_URL.
function segmentOf(cookieHeader) {
  const match = /(?:^|;\s*)segment=(new|returning)(?:;|$)/.exec(cookieHeader || '');
  return match ? match[1] : 'new';
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];

exports.handler = async (context, req) => {
  const original = new URL(req.url, 'https://edge/');
  const target = new URL(original.pathname + original.search, process.env.CIRRUS_EDGE_ORIGIN_URL);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.includes(name.toLowerCase())));
  headers['x-segment'] = segmentOf(req.headers.cookie);
  const response = await fetch(target, { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : req.rawBody });
  context.res = {
    status: response.status,
    headers: Object.fromEntries([...response.headers].filter(([name]) => !HOP_BY_HOP.includes(name))),
    body: Buffer.from(await response.arrayBuffer()),
    isRaw: true,
  };
};
