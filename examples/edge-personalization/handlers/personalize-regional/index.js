// Regional personalisation function of the edge-personalization example on Azure
// and Google Cloud, portable (handlerApi PORTABLE): one handler for both clouds.
// Front Door and the global load balancer run no user code, so they send every
// request here with its own path (the function's HTTP trigger takes every path).
// The function adds the segment header and forwards the request to the origin at
// CIRRUS_EDGE_ORIGIN_URL. (On AWS the same logic is a CloudFront Function,
// personalize-aws, whose runtime and event shape CloudFront fixes.)
'use strict';

function segmentOf(cookieHeader) {
  const match = /(?:^|;\s*)segment=(new|returning)(?:;|$)/.exec(cookieHeader || '');
  return match ? match[1] : 'new';
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];

exports.handler = async (event) => {
  const { http } = event;
  const target = new URL(http.path, process.env.CIRRUS_EDGE_ORIGIN_URL);
  for (const [name, value] of Object.entries(http.query)) target.searchParams.set(name, value);
  const headers = Object.fromEntries(Object.entries(http.headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
  headers['x-segment'] = segmentOf(http.headers.cookie);
  const response = await fetch(target, { method: http.method, headers, body: ['GET', 'HEAD'].includes(http.method) ? undefined : http.rawBody });
  return {
    statusCode: response.status,
    headers: Object.fromEntries([...response.headers].filter(([name]) => !HOP_BY_HOP.includes(name))),
    body: Buffer.from(await response.arrayBuffer()),
  };
};
