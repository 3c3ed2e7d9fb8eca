/**
 * What a request selects below a resolver's field, so a view's one query can leave out work no
 * field asks for (the vendors' view's total and service summaries). Fragments and inline fragments
 * are followed; @skip and @include are not evaluated, so a field they may drop counts as selected
 * (the work is then done for nothing, never left out when needed).
 */
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

/** The field selections named `name` in `sets` (through fragments), and their sub-selections. */
function fieldsIn(sets: readonly SelectionSetNode[], fragments: Fragments, visit: (name: string, sub: SelectionSetNode | undefined) => void): void {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) visit(selection.name.value, selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsIn([selection.selectionSet], fragments, visit);
      else {
        const fragment = fragments[selection.name.value];
        if (fragment) fieldsIn([fragment.selectionSet], fragments, visit);
      }
    }
  }
}

/** The names of the fields selected at `path` below the resolver's field (e.g. ['edges', 'node']). */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    fieldsIn(sets, info.fragments, (name, sub) => {
      if (name === step && sub) next.push(sub);
    });
    sets = next;
  }
  const names = new Set<string>();
  fieldsIn(sets, info.fragments, (name) => names.add(name));
  return names;
}
