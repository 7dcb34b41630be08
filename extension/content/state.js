// Kindling's content script: thin and generic. It knows no site; it asks the
// background for the site's selector table, reports the facts around each
// click on a known control and each page change, and shows the overlay
// iframe on profile pages. No wasm here: strict page CSPs forbid it. No
// history here either: content scripts may only report, never read.
//
// It is these classic scripts (no modules, no bundler), run in this order in
// the page's isolated world: manifest.json's content_scripts lists them, and
// background.js registers that same list for the Mastodon instances the user
// added.
//   state.js    the one global this script makes, and all that changes as it runs
//   port.js     messages to the background, over one port
//   facts.js    reading the page: a post, its author, a control's state, the user's own link
//   clicks.js   presses and clicks on the site's controls → engagement reports
//   keys.js     the site's keyboard shortcuts, as clicks on the focused post's controls
//   frame.js    the card's frame on profile pages
//   inbound.js  reading a page that lists notifications
//   page.js     which page this is: address changes, the user's last input, page_seen
//   main.js     the site's rules, the messages of the extension's other parts, the start
// Scripts listed together share one global scope. So each file is a function
// run at once (its own names stay inside it), and what they share is one
// object, `globalThis.kindlingContent`: `ext`, `state` below, the functions
// each file sets on it for the files after it, and main.js's `rulesReady`
// (the site's rules asked for), which clicks and keys wait on.
(() => {
  'use strict';

  // Run a second time in the same document (the same files injected again),
  // the files would find the first run's object: this run does nothing (each
  // later file stops on the first run's `running`, set by main.js). Firefox
  // runs the files twice when two entries list them for one page, and drew
  // two cards without this; Chrome runs them once. Own property only: the
  // window also names the page's elements by their ids.
  if (Object.hasOwn(globalThis, 'kindlingContent')) return;

  globalThis.kindlingContent = {
    ext: globalThis.browser ?? globalThis.chrome,
    running: false,
    // Everything that changes while the script runs, by the file that changes it.
    state: {
      // port.js
      port: null, // the one port to the background, while it is open
      lastId: 0, // the last message's id
      unanswered: new Map(), // id → { message, tries, resolve, on: the port it went on }

      // main.js: what the last site_rules answer said
      rules: null,
      anyControl: null, // every control's selector in one list, made when first needed
      overlayAllowed: false, // Kindling on profiles
      keys: [], // the site's keyboard shortcuts
      personRules: null, // one person's cell or card, on sites that show several (X)
      // The caps a report keeps to: the core's, set with the rules (no fact
      // is read without the rules, so never before).
      limits: null,

      // facts.js
      lastSelf: null, // the signed-in user's profile link, as last shown in this document

      // clicks.js (and keys.js: Escape closes a reply unsent)
      pressed: null, // what was under the user's last press: { control, before, post } | null
      pendingReply: null, // an opened reply composer: { post, at }
      pendingMenu: null, // an opened post menu: { post, at }

      // frame.js
      frame: null,
      frameKey: null,
      frameConfirmed: false, // the page is the profile, not only shaped like one
      dismissedKey: null,
      folded: false,
      unconfirmedTimer: 0,
      addressTicket: 0,
      // The profile this page shows, where a card may be (not the user's own).
      shownProfile: null,

      // inbound.js
      scanner: null,
      checkInbound: null, // where this page lists notifications (the last page_seen answer said)

      // page.js
      lastInput: -Infinity,
      addressByUser: true, // this document's own address: it was loaded
      // When this document's navigation started (whole ms), sent while its own address is
      // looked at: the core knows whether a page script, not the user, took the
      // tab's document before this one away at that moment (page.js).
      started: Math.round(performance.timeOrigin),
      loaded: null, // the address loaded, when a page script changed it before Kindling looked (page.js)
      changed: null, // the last address change the Navigation API reported, and whether the user's input came just before
      evaluations: 0,
      seen: { url: null, title: null },
      pending: 0,
      pendingShort: false,
      pendingTitle: null,
      address: location.href, // the address the card and the scanner are for
    },
  };
})();
