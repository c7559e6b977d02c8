// Finds every way into the server in a source file, with the TypeScript compiler (not regexes): server actions
// (every export of a file whose first statement is 'use server', in any export form, and every function with its
// own 'use server'), route handlers (GET, POST, … of app/**/route.ts) and page loaders, and says whether each one
// checks who is asking as the first thing it awaits, before it touches the database. Used by
// tests/unit/authz-coverage.test.ts, which also feeds it small made-up sources to show it catches each miss.
import ts from 'typescript';

export type EntryKind = 'action' | 'inline-action' | 'route' | 'page';

export type EntryPoint = {
  file: string;
  /** The exported name (`default` for a default export), or the inline action's function name. */
  name: string;
  kind: EntryKind;
  /** The guard called first, with the permission it names (its first argument, when that is a string). */
  check: { guard: string; permission: string | null } | null;
  /** When `check` is null: what the function does first instead, in a few words. */
  firstStep: string;
};

/** A call to one of these, awaited first, is an authorization check (the step-up helpers included). */
export const GUARD_PREFIXES = ['requireStaff', 'staffForRoute', 'requireRecentAuth'] as const;

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Calls that open the database: one of these before the guard is "touching the database first". */
const DATABASE_CALLS = new Set(['getDb', 'getDbHandle']);

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

function hasUseServer(statements: readonly ts.Statement[] | ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use server') return true;
  }
  return false;
}

function isFunctionLike(node: ts.Node): node is FunctionLike {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return '';
}

const isGuardName = (name: string) => GUARD_PREFIXES.some((prefix) => name.startsWith(prefix));

/** Reading the route's own params is not doing anything: `await params`, `await props.searchParams`, … */
function readsOwnParams(expression: ts.Expression): boolean {
  const name = ts.isIdentifier(expression) ? expression.text : ts.isPropertyAccessExpression(expression) ? expression.name.text : '';
  return name === 'params' || name === 'searchParams';
}

/**
 * The first thing a function does that could matter: its first await (other than reading its own params) or
 * its first call that opens the database, in source order. Nested callbacks count (failSafe's work is one).
 */
function firstStep(fn: FunctionLike, source: ts.SourceFile): EntryPoint['check'] | string {
  let found: EntryPoint['check'] | string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    if (ts.isAwaitExpression(node)) {
      if (readsOwnParams(node.expression)) return;
      const call = ts.isCallExpression(node.expression) ? node.expression : null;
      const name = call ? calleeName(call.expression) : '';
      if (call && isGuardName(name)) {
        const first = call.arguments[0];
        found = { guard: name, permission: first && ts.isStringLiteralLike(first) ? first.text : null };
      } else {
        found = `await ${node.expression.getText(source).slice(0, 60)}`;
      }
      return;
    }
    if (ts.isCallExpression(node) && DATABASE_CALLS.has(calleeName(node.expression))) {
      found = `${node.expression.getText(source)}() before any check`;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found ?? 'no await and no check at all';
}

function entry(file: string, name: string, kind: EntryKind, fn: FunctionLike | null, source: ts.SourceFile, why?: string): EntryPoint {
  if (!fn) return { file, name, kind, check: null, firstStep: why ?? 'not a function this test can read' };
  const step = firstStep(fn, source);
  return typeof step === 'string' ? { file, name, kind, check: null, firstStep: step } : { file, name, kind, check: step, firstStep: `${step!.guard}(…)` };
}

/** The function a local name stands for: `function a() {}` or `const a = async () => {}`. */
function localFunction(source: ts.SourceFile, name: string): FunctionLike | null {
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) return statement;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name) return functionOf(d.initializer);
      }
    }
  }
  return null;
}

function functionOf(expression: ts.Expression | undefined): FunctionLike | null {
  if (!expression) return null;
  while (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) expression = expression.expression;
  return ts.isArrowFunction(expression) || ts.isFunctionExpression(expression) ? expression : null;
}

const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

/** Every export of a module, by name, with the function behind it (null when it is not one this test can read). */
function exportsOf(source: ts.SourceFile): { name: string; fn: FunctionLike | null; why?: string }[] {
  const out: { name: string; fn: FunctionLike | null; why?: string }[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && exported(statement)) {
      out.push({ name: isDefault(statement) ? 'default' : (statement.name?.text ?? 'default'), fn: statement });
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) {
          out.push({ name: d.name.text, fn: functionOf(d.initializer), why: `const ${d.name.text} is not a function literal` });
        } else {
          // `export const { GET, POST } = handlers`: names this test cannot follow.
          for (const element of (d.name as ts.ObjectBindingPattern | ts.ArrayBindingPattern).elements) {
            if (ts.isBindingElement(element) && ts.isIdentifier(element.name)) out.push({ name: element.name.text, fn: null, why: 'destructured from another value' });
          }
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      const fn = functionOf(statement.expression) ?? (ts.isIdentifier(statement.expression) ? localFunction(source, statement.expression.text) : null);
      out.push({ name: 'default', fn, why: 'export default of something that is not a function here' });
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) {
        out.push({ name: '*', fn: null, why: 'export * re-exports names this test cannot see' });
      } else if (ts.isNamedExports(statement.exportClause)) {
        for (const spec of statement.exportClause.elements) {
          const local = (spec.propertyName ?? spec.name).getText(source);
          const fn = statement.moduleSpecifier ? null : localFunction(source, local);
          out.push({ name: spec.name.getText(source), fn, why: statement.moduleSpecifier ? 're-exported from another module' : `${local} is not a function here` });
        }
      } else {
        out.push({ name: statement.exportClause.name.text, fn: null, why: 'export * as re-exports names this test cannot see' });
      }
    } else if (ts.isClassDeclaration(statement) && exported(statement)) {
      out.push({ name: statement.name?.text ?? 'default', fn: null, why: 'a class' });
    }
  }
  return out;
}

function functionName(fn: FunctionLike, source: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText(source);
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  return `(anonymous at line ${source.getLineAndCharacterOfPosition(fn.getStart(source)).line + 1})`;
}

/** Every entry point in one file. `file` is its path from the project root, with forward slashes. */
export function findEntryPoints(file: string, text: string): EntryPoint[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const points: EntryPoint[] = [];
  const base = file.split('/').pop() ?? '';
  const isActionFile = hasUseServer(source.statements);

  if (isActionFile) {
    for (const e of exportsOf(source)) points.push(entry(file, e.name, 'action', e.fn, source, e.why));
  } else if (/^route\.(ts|tsx|js)$/.test(base) && file.startsWith('app/')) {
    for (const e of exportsOf(source)) if (HTTP_METHODS.has(e.name)) points.push(entry(file, e.name, 'route', e.fn, source, e.why));
  } else if (/^(page|layout)\.(tsx|ts|jsx)$/.test(base) && file.startsWith('app/')) {
    for (const e of exportsOf(source)) if (e.name === 'default') points.push(entry(file, 'default', 'page', e.fn, source, e.why));
  }

  // Inline actions: any function whose own body starts with 'use server' (in an action file too).
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && node.body && ts.isBlock(node.body) && hasUseServer(node.body.statements)) {
      points.push(entry(file, functionName(node, source), 'inline-action', node, source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return points;
}

/** The key an allowlist or permission table uses for an entry point. */
export const keyOf = (p: Pick<EntryPoint, 'file' | 'name'>) => `${p.file}#${p.name}`;
