// Issue 7: no console errors in any of Kindling's contexts during the suite. Each session
// collects what Kindling's background, pages, overlay frames and content scripts log at error
// level (console.error, uncaught exceptions, unhandled rejections) in `session.errors`; close()
// fails the test with them. A test that provokes one on purpose allows it, narrowly, with
// session.allowErrors(/pattern/) and a comment saying why.

/** Throw one error listing `errors` that no pattern in `allowed` matches. */
export function failOnErrors(errors, allowed) {
  const left = errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
  if (left.length) {
    throw new Error(`${left.length} error(s) logged in Kindling's contexts during the test:\n${left.map((e) => `  ${e}`).join('\n')}`);
  }
}
