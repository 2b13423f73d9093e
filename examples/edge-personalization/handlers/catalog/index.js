// Catalog origin of the edge-personalization example, portable (handlerApi
// PORTABLE): the same code on every cloud. It answers with products ordered for
// the visitor's segment, which the edge puts in the x-segment request header.
'use strict';

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

// Responses vary by segment: shared caches may keep them a minute per segment.
const CACHE = { 'cache-control': 'public, max-age=60', vary: 'x-segment' };

exports.handler = async (event) => ({ statusCode: 200, headers: CACHE, body: catalogFor(event.http.headers['x-segment'] || 'new') });

exports.catalogFor = catalogFor;
