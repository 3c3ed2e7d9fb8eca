/** All resolvers, one module per area; makeExecutableSchema merges the list. */
import type { Resolvers } from '../generated/graphql';
import { elementResolvers } from './element';
import { heatMapResolvers } from './heat-map';
import { metamodelResolvers } from './metamodel';
import { scalarResolvers } from './scalars';

export const resolvers: Resolvers[] = [scalarResolvers as Resolvers, metamodelResolvers, elementResolvers, heatMapResolvers];
