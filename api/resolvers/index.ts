/** All resolvers, one module per area; makeExecutableSchema merges the list. */
import type { Resolvers } from '../generated/graphql';
import { elementResolvers } from './element';
import { heatMapResolvers } from './heat-map';
import { metamodelResolvers } from './metamodel';
import { scalarResolvers } from './scalars';
import { mutationResolvers } from './mutations';
import { auditResolvers } from './audit';
import { landscapeResolvers } from './landscape';
import { elementsResolvers } from './elements';
import { normsResolvers } from './norms';
import { standardsResolvers } from './standards';
import { impactResolvers } from './impact';
import { searchResolvers } from './search';
import { roadmapResolvers } from './roadmap';
import { planningResolvers } from './planning';

export const resolvers: Resolvers[] = [scalarResolvers, metamodelResolvers, elementResolvers, heatMapResolvers];
// The read API: landscape, elements, norms, standards, impact, search, roadmap and perspectives.
resolvers.push(landscapeResolvers, elementsResolvers, normsResolvers, standardsResolvers, impactResolvers, searchResolvers, roadmapResolvers);
// The analysts' writes, their audit trail and `me`.
resolvers.push(mutationResolvers, auditResolvers);
// The planning views: compare two dates, the timeline, norms for a role, what-if scenarios (issue 16).
resolvers.push(planningResolvers);
