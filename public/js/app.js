// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();

/**
 * GOV.UK timeout warning pattern: a modal dialog a couple of minutes before the idle sign-out,
 * with a live countdown, "Stay signed in" (refreshes the session) and "Sign out".
 * The server enforces the timeout whether or not this runs.
 */
function timeoutWarning() {
  const config = document.getElementById('app-timeout-warning');
  if (!config || typeof HTMLDialogElement === 'undefined') return;
  const idleSeconds = Number(config.dataset.idleSeconds);
  const warningSeconds = Math.min(Number(config.dataset.warningSeconds), Math.floor(idleSeconds / 2));
  const csrf = config.dataset.csrf;

  const dialog = document.createElement('dialog');
  dialog.className = 'app-timeout-dialog';
  dialog.setAttribute('aria-labelledby', 'app-timeout-heading');
  dialog.setAttribute('aria-describedby', 'app-timeout-message');
  dialog.innerHTML = `
    <h2 class="govuk-heading-m" id="app-timeout-heading">You’re about to be signed out</h2>
    <p class="govuk-body" id="app-timeout-message">For your security, we will sign you out in <strong class="app-timeout-countdown"></strong>.</p>
    <p class="govuk-visually-hidden" aria-live="polite"></p>
    <div class="govuk-button-group">
      <button type="button" class="govuk-button" data-module="govuk-button" id="app-timeout-stay">Stay signed in</button>
      <a class="govuk-link" href="#" id="app-timeout-signout">Sign out</a>
    </div>`;
  document.body.appendChild(dialog);
  const countdown = dialog.querySelector('.app-timeout-countdown');
  const live = dialog.querySelector('[aria-live]');

  let deadline = Date.now() + idleSeconds * 1000;
  let tick;
  const words = (s) => (s >= 60 ? `${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? '' : 's'}` : `${s} second${s === 1 ? '' : 's'}`);

  const signOut = () => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/sign-out';
    form.innerHTML = `<input type="hidden" name="_csrf" value="${csrf}">`;
    document.body.appendChild(form);
    form.submit();
  };

  const update = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    if (left <= 0) {
      window.location.href = '/sign-in?timeout=1';
      return;
    }
    if (left <= warningSeconds && !dialog.open) {
      dialog.showModal();
      live.textContent = `We will sign you out in ${words(left)}.`;
    }
    countdown.textContent = words(left);
    // Announce each minute, then every 20 seconds in the last minute, not every second.
    if (dialog.open && (left % 60 === 0 || (left < 60 && left % 20 === 0))) live.textContent = `We will sign you out in ${words(left)}.`;
  };

  dialog.querySelector('#app-timeout-stay').addEventListener('click', async () => {
    const res = await fetch('/session/keepalive', { method: 'POST', headers: { 'csrf-token': csrf }, credentials: 'same-origin' });
    if (!res.ok) {
      window.location.href = '/sign-in?timeout=1';
      return;
    }
    deadline = Date.now() + idleSeconds * 1000;
    dialog.close();
  });
  dialog.querySelector('#app-timeout-signout').addEventListener('click', (e) => {
    e.preventDefault();
    signOut();
  });
  // Escape means "stay signed in", as in the pattern.
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    dialog.querySelector('#app-timeout-stay').click();
  });
  tick = setInterval(update, 1000);
  update();
}

timeoutWarning();

/**
 * Contact drafts save as the worker types (a couple of seconds after they stop), so nothing is lost
 * to a timeout or a closed tab. Without this script, every button on the form saves the draft.
 */
function autosave() {
  for (const form of document.querySelectorAll('form[data-autosave]')) {
    const status = document.querySelector('[data-autosave-status]');
    let timer;
    let dirty = false;
    const save = async () => {
      if (!dirty) return;
      dirty = false;
      const body = new URLSearchParams(new FormData(form));
      body.delete('action');
      try {
        const res = await fetch(form.dataset.autosave, { method: 'POST', body, credentials: 'same-origin' });
        if (!res.ok) throw new Error(String(res.status));
        if (status) status.textContent = `Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
      } catch {
        dirty = true;
        if (status) status.textContent = 'Your latest changes are not saved yet. Use “Save draft” before you leave.';
      }
    };
    form.addEventListener('input', () => {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, 2000);
    });
    // Leaving the page (or the session timing out) still saves what was typed.
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && save());
  }
}
autosave();

/** Print buttons (hidden without JavaScript: the browser's own print works the same, with the print stylesheet). */
for (const button of document.querySelectorAll('[data-app-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
