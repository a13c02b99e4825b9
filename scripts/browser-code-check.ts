import { parse, type Node } from 'acorn';

/**
 * Checks code that runs in the visitor's browser (page and public code) against ES2020, what Wix
 * documents for browsers: the syntax, by parsing as ES2020, and the newer built-ins, by looking for
 * their use in the syntax tree (so comments and strings never match).
 */

/** Members of built-ins newer than ES2020: `object.property` (object `*`: any receiver, a method). */
const NEWER_MEMBERS: [object: string, property: string, since: string][] = [
  ['Object', 'hasOwn', 'ES2022'],
  ['*', 'at', 'ES2022'],
  ['*', 'replaceAll', 'ES2021'],
  ['Promise', 'any', 'ES2021'],
  ['*', 'findLast', 'ES2023'],
  ['*', 'findLastIndex', 'ES2023'],
  ['*', 'toSorted', 'ES2023'],
  ['*', 'toReversed', 'ES2023'],
  ['*', 'toSpliced', 'ES2023'],
  ['Object', 'groupBy', 'ES2024'],
  ['Map', 'groupBy', 'ES2024'],
  ['Array', 'fromAsync', 'ES2025'],
];
const NEWER_GLOBALS: Record<string, string> = {
  WeakRef: 'ES2021',
  FinalizationRegistry: 'ES2021',
  AggregateError: 'ES2021',
};

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function children(node: AnyNode): AnyNode[] {
  return Object.values(node).flatMap((value) =>
    Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [],
  );
}

function nameOf(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Identifier') return node.name as string;
  return undefined;
}

/** Problems with one browser file's source; empty when it is ES2020. */
export function es2020Problems(source: string): string[] {
  let tree: AnyNode;
  try {
    tree = parse(source, { ecmaVersion: 2020, sourceType: 'module', locations: true }) as unknown as AnyNode;
  } catch (error) {
    return [`syntax newer than ES2020: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const visit = (node: AnyNode): void => {
    if (node.type === 'MemberExpression' && !node.computed) {
      const object = nameOf(node.object);
      const property = nameOf(node.property);
      const match = NEWER_MEMBERS.find(([o, p]) => p === property && (o === '*' || o === object));
      if (match) {
        const what = match[0] === '*' ? `.${match[1]}()` : `${match[0]}.${match[1]}`;
        problems.push(`line ${node.loc?.start.line}: ${what} is ${match[2]}, newer than ES2020`);
      }
    }
    if (node.type === 'Identifier' && Object.hasOwn(NEWER_GLOBALS, node.name as string)) {
      problems.push(
        `line ${node.loc?.start.line}: ${String(node.name)} is ${NEWER_GLOBALS[node.name as string]}, newer than ES2020`,
      );
    }
    children(node).forEach(visit);
  };
  visit(tree);
  return problems;
}
