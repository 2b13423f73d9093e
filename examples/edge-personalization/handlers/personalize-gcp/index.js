// Regional personalisation function of the edge-personalization example on
// GCP (Functions Framework: (req, res)). The load balancer runs no user code,
// so every request reaches this function (ingress: load balancer only),
// which adds the segment header and forwards the request to the origin at
// CIRRUS_EDGE_ORIGIN_URL.
function segmentOf(cookieHeader) {
  const match = /(?:^|;\s*)segment=(new|returning)(?:;|$)/.exec(cookieHeader || '');
  return match ? match[1] : 'new';
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];

exports.handler = async (req, res) => {
  const target = new URL(req.originalUrl, process.env.CIRRUS_EDGE_ORIGIN_URL);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
  headers['x-segment'] = segmentOf(req.headers.cookie);
  const response = await fetch(target, { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : req.rawBody });
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (!HOP_BY_HOP.includes(name)) {
      res.set(name, value);
    }
  }
  res.send(Buffer.from(await response.arrayBuffer()));
};
