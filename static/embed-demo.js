// Sizes each airlock iframe from the height it reports. The message is
// {type: "airlock:height", height: <CSS pixels>, id: <the iframe's ?id=, or null>}.
// Only messages from this page's own iframes are believed (event.source), whatever they say.
'use strict';

window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'airlock:height' || typeof data.height !== 'number') return;
  if (!Number.isFinite(data.height) || data.height <= 0) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow !== event.source) continue;
    frame.style.height = `${Math.ceil(data.height)}px`;
    // For the tests: the last height this frame reported.
    frame.dataset.reportedHeight = String(data.height);
  }
});
