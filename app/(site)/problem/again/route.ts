// A hop to the problem page for a browser sent here by a redirect it follows with its form post (a 307 from a
// page that failed while rendering the answer to a post without JavaScript: lib/http/page-data.ts). Whatever
// the method, the answer is a 303 to the problem page with the same reference, reason and way back, read
// through the problem page's own rules (a well-formed id, a known reason, a path on this site). Nothing else.
import { NextResponse, type NextRequest } from 'next/server';
import { problemPath, readProblemQuery } from '@/lib/http/problem';
import { newRequestId } from '@/lib/http/request-id';

function toProblemPage(request: NextRequest): NextResponse {
  const { requestId, reason, back } = readProblemQuery(Object.fromEntries(request.nextUrl.searchParams));
  const path = problemPath({ requestId: requestId ?? newRequestId(), reason, back });
  return NextResponse.redirect(new URL(path, request.url), 303);
}

export function GET(request: NextRequest): NextResponse {
  return toProblemPage(request);
}

export function POST(request: NextRequest): NextResponse {
  return toProblemPage(request);
}
