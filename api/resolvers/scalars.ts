/** Date and DateTime scalars: ISO strings in and out, validated on the way in. */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isoDateSchema, partialDateSchema } from '../../schema/validation';

function validDate(value: unknown): string {
  const parsed = isoDateSchema.safeParse(value);
  if (!parsed.success)
    throw new GraphQLError(`Date must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return parsed.data;
}

function validPartialDate(value: unknown): string {
  const parsed = partialDateSchema.safeParse(value);
  if (!parsed.success)
    throw new GraphQLError(`PartialDate must be YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  return parsed.data;
}

function validDateTime(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) {
    throw new GraphQLError(`DateTime must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return new Date(value).toISOString();
}

export const scalarResolvers = {
  Date: new GraphQLScalarType<string, string>({
    name: 'Date',
    description: 'An ISO 8601 calendar date, YYYY-MM-DD.',
    serialize: (v) => String(v).slice(0, 10),
    parseValue: validDate,
    parseLiteral: (ast) => validDate(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
  PartialDate: new GraphQLScalarType<string, string>({
    name: 'PartialDate',
    description: 'A date as precise as its source: YYYY, YYYY-Qn (quarter), YYYY-MM or YYYY-MM-DD.',
    serialize: (v) => String(v),
    parseValue: validPartialDate,
    parseLiteral: (ast) => validPartialDate(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
  DateTime: new GraphQLScalarType<string, string>({
    name: 'DateTime',
    description: 'An ISO 8601 timestamp in UTC.',
    serialize: (v) => String(v),
    parseValue: validDateTime,
    parseLiteral: (ast) => validDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
};
