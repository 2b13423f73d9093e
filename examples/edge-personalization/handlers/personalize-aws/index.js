// CloudFront Function (cloudfront-js-2.0) run at viewer-request, after the
// example's EdgeRules: puts the visitor's segment, from the `segment` cookie,
// in the x-segment header the catalog reads.
function handler(event) {
  var request = event.request;
  var cookie = request.cookies && request.cookies.segment;
  var segment = cookie && (cookie.value === 'returning' || cookie.value === 'new') ? cookie.value : 'new';
  request.headers['x-segment'] = { value: segment };
  return request;
}
