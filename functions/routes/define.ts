import { type RouteDefinition, routeKeyOf } from '@assist-ten/lambda-kit/http/route';

/** One entry of the route table, with its route key spelled out in the type. */
export const route = <const R extends RouteDefinition>(definition: R) => ({
  ...definition,
  routeKey: routeKeyOf(definition) as `${R['method']} ${R['path']}`,
});
