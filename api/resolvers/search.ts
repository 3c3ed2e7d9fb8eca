/** `search(text, first)`: ranked full-text search over names, descriptions and identifiers (one round trip). */
import { z } from 'zod';
import { luceneQuery, SEARCH_CANDIDATES, SEARCH_ELEMENTS, searchTerms } from '../cypher/search';
import { parseInput, badInput } from '../errors';
import type { Resolvers } from '../generated/graphql';
import { toElementRecord, today } from '../model';
import { countArg, int } from './args';

export const MAX_SEARCH_HITS = 100;

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_, args, ctx) => {
      const text = parseInput(z.string().trim().min(1, 'is empty').max(200), args.text, ['text']);
      const first = countArg(args.first, 20, 1, MAX_SEARCH_HITS, ['first']);
      const lucene = luceneQuery(text);
      if (lucene === null) throw badInput('text', 'has no letters or digits to search for');
      const words = searchTerms(text.toLowerCase());
      const rows = await ctx.db.read(SEARCH_ELEMENTS, {
        lucene,
        exact: words.join(' '),
        words,
        candidates: int(Math.max(SEARCH_CANDIDATES, first)),
        first: int(first),
        asOf: today(),
      });
      return rows.map((row) => {
        const element = toElementRecord(row.element);
        ctx.loaders.element.prime(element.id, element);
        return { element, score: Number(row.score) };
      });
    },
  },
};
