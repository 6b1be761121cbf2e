/**
 * What a user does in the VS Code 1.100 workbench, as playwright steps, and
 * what they see, read from the DOM. Keyboard first (Quick Open, Go to Line,
 * Ctrl+., F1): clicks on moving widgets are what makes such tests flaky.
 * Every wait has a deadline and says what it waited for.
 */

const NBSP = /\u00a0/g;
/**
 * How long a wait for the workbench to react (a widget to open, the cursor to
 * move) may take. It answers in well under a second on an idle machine; CI
 * shares 2 cores with other jobs (load averages above 20 were seen), and the
 * renderer then stalls for seconds at a time.
 */
const UI_MS = 30000;

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** Polls `probe` (run in the page when it is a function of no arguments… or in node) until it returns a value. */
  async until(what, probe, timeoutMs = 30000, everyMs = 200) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        last = await probe();
        if (last !== undefined && last !== null && last !== false) return last;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
      await this.page.waitForTimeout(everyMs);
    }
  }

  async ready() {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    // The explorer is populated once the workspace is up.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
  }

  /** Quick Open a file by name; waits until the focused row is that file (else a recent file opens instead). */
  async openFile(name) {
    await this.dismissNotifications();
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    await this.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: UI_MS });
    await this.page.keyboard.type(name);
    await this.until(`"${name}" focused in Quick Open`, () =>
      this.page.$eval('.quick-input-list .monaco-list-row.focused', (r) => r.textContent ?? '').then((t) => t.includes(name)),
    );
    await this.page.keyboard.press('Enter');
    await this.until(`editor tab ${name} active`, () => this.page.$eval('.tab.active', (t) => t.textContent ?? '').then((t) => t.includes(name)));
    await this.page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: UI_MS });
  }

  /** Ctrl+G to `line:column` (1-based, as the status bar shows them). */
  async goTo(line, column = 1) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: UI_MS });
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.until(`cursor at Ln ${line}, Col ${column}`, () => this.statusBarText().then((t) => t.includes(`Ln ${line}, Col ${column}`)), UI_MS);
  }

  async focusEditor() {
    await this.page.keyboard.press('Escape');
    const editor = await this.page.$('.editor-instance .monaco-editor textarea');
    if (editor) await editor.focus();
  }

  async statusBarText() {
    return this.page.$eval('.statusbar', (s) => s.innerText);
  }

  /** Our status bar item: its text (icons left out) and its icons' classes. */
  async statusBarApex() {
    return this.page.$$eval('.statusbar-item', (items) => {
      const item = items.find((i) => /(^|\s)Apex(\s|$)/.test(i.innerText.trim()) && !i.innerText.includes('{'));
      if (!item) return null;
      return {
        text: item.innerText.replace(/\s+/g, ' ').trim(),
        icons: [...item.querySelectorAll('.codicon')].map((c) => [...c.classList].find((k) => k.startsWith('codicon-') && k !== 'codicon')),
      };
    });
  }

  /** The text of the status bar item whose label contains `marker`. */
  async statusItem(marker) {
    return this.page.$$eval('.statusbar-item', (items, m) => items.map((i) => i.innerText.trim()).find((t) => t.includes(m)), marker);
  }

  /**
   * The squiggles drawn in the active editor, as the user sees them: the
   * line number and the characters under each one (measured with DOM ranges
   * on the rendered line). Only visible lines are drawn: go to the line first.
   */
  async squiggles(kind = 'error') {
    return this.page.evaluate((cls) => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return [];
      const mid = (r) => r.top + r.height / 2;
      const lines = [...editor.querySelectorAll('.view-lines .view-line')];
      const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')];
      const out = [];
      for (const sq of editor.querySelectorAll(`.view-overlays .squiggly-${cls}`)) {
        const r = sq.getBoundingClientRect();
        const y = mid(r);
        const inside = (el) => {
          const b = el.getBoundingClientRect();
          return y >= b.top && y < b.bottom;
        };
        const line = lines.find(inside);
        const number = numbers.find(inside);
        if (!line || !number) continue;
        const range = document.createRange();
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let col = 0;
        let start = -1;
        let end = -1;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++, col++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const c = range.getBoundingClientRect();
            if (start < 0 && Math.abs(c.left - r.left) < 1.5) start = col;
            if (Math.abs(c.right - r.right) < 1.5) end = col + 1;
          }
        }
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        out.push({
          line: Number(number.textContent),
          startColumn: start + 1,
          endColumn: end + 1,
          text: start >= 0 && end > start ? text.slice(start, end) : null,
        });
      }
      return out;
    }, kind);
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows as text, with the docs link of each marker. */
  async problems() {
    if (!(await this.page.$('.markers-panel'))) await this.page.keyboard.press('Control+Shift+M');
    else if (!(await this.page.isVisible('.markers-panel'))) await this.page.keyboard.press('Control+Shift+M');
    await this.page.waitForSelector('.markers-panel', { state: 'visible', timeout: UI_MS });
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) =>
      rows.map((r) => ({
        text: (r.innerText ?? '').replace(/\s+/g, ' ').trim(),
        link: r.querySelector('a.monaco-link')?.getAttribute('href') ?? null,
        code: r.querySelector('a.monaco-link')?.textContent ?? null,
        level: Number(r.getAttribute('aria-level')),
      })),
    );
  }

  /** Types into the Problems view's filter box ('' clears it). */
  async filterProblems(text) {
    await this.problems();
    const input = '.panel .viewpane-filter input';
    await this.page.fill(input, text);
    await this.page.waitForTimeout(300);
  }

  async closePanel() {
    if (await this.page.isVisible('.markers-panel').catch(() => false)) await this.page.keyboard.press('Control+Shift+M');
  }

  /**
   * Ctrl+. at the cursor, then the enabled action whose title starts with
   * `title`, chosen with the keyboard; returns the menu's rows. Waits for the
   * light bulb first ("No code actions available" otherwise). A second try
   * moves the cursor off and back (a new request for actions, as a user's
   * click would make) and opens the menu without waiting for the light bulb.
   */
  async quickFix(title) {
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt === 1) await this.page.waitForSelector('.editor-instance .lightBulbWidget', { state: 'visible', timeout: UI_MS });
        await this.page.keyboard.press('Control+.');
        await this.page.waitForSelector('.action-widget .monaco-list-row', { state: 'visible', timeout: UI_MS });
        const rows = await this.actionRows();
        if (!rows.some((r) => r.title.startsWith(title) && !r.disabled)) throw new Error(`no enabled action "${title}"; offered: ${JSON.stringify(rows)}`);
        // The keyboard skips disabled rows (a refused fix with the same title shows its reason there).
        for (let i = 0; i < 40; i++) {
          const focused = await this.page.$eval('.action-widget .monaco-list-row.focused', (r) => r.innerText.replace(/\s+/g, ' ').trim()).catch(() => '');
          if (focused.startsWith(title)) break;
          await this.page.keyboard.press('ArrowDown');
        }
        await this.page.keyboard.press('Enter');
        // Not retried past this point: a second Enter could apply the fix twice.
        await this.page.waitForSelector('.action-widget', { state: 'hidden', timeout: 5000 }).catch(() => undefined);
        return rows;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (attempt >= 2) throw e;
        await this.focusEditor();
        await this.page.keyboard.press('ArrowRight');
        await this.page.keyboard.press('ArrowLeft');
        await this.page.waitForTimeout(1000);
      }
    }
  }

  /**
   * Chooses the quick fix `title`, waits until its edit shows in the active
   * editor (`shown(visible text)`), then saves everything. VS Code applies a
   * workspace edit operation by operation, in order; the server puts the
   * files a fix creates first and the edit of the file the user is in last,
   * so once that edit shows, every file exists and holds its text (unsaved:
   * a created file is filled by an edit). Saving earlier saves half an edit.
   */
  async applyFixAndSave(title, shown, timeoutMs = 60000) {
    const rows = await this.quickFix(title);
    await this.until(`the edit of "${title}" in the editor`, async () => shown(await this.visibleText()), timeoutMs);
    await this.saveAll();
    return rows;
  }

  async isActiveDirty() {
    return this.page.$eval('.tab.active', (t) => t.classList.contains('dirty')).catch(() => false);
  }

  /** The lines of the active editor on screen, top to bottom, as text. */
  async visibleText() {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return '';
      return [...editor.querySelectorAll('.view-lines .view-line')]
        .map((l) => ({ top: l.getBoundingClientRect().top, text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text)
        .join('\n');
    });
  }

  /** File: Save All, then waits until no editor is dirty. */
  async saveAll() {
    await this.runCommand('File: Save All');
    await this.until('every editor saved', async () => (await this.page.$$('.tab.dirty')).length === 0, 20000);
  }

  /** The rows of the open code action menu: title and whether it is disabled (a refused fix). */
  async actionRows() {
    return this.page.$$eval('.action-widget .monaco-list-row.action', (rows) =>
      rows.map((r) => ({
        title: (r.innerText ?? '').replace(/\s+/g, ' ').trim(),
        disabled: r.classList.contains('option-disabled') || r.getAttribute('aria-disabled') === 'true',
      })),
    );
  }

  /** F1, the command's title, Enter. */
  async runCommand(title) {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await this.page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: UI_MS });
    await this.page.keyboard.type(title);
    await this.until(`command "${title}" focused`, () =>
      this.page.$eval('.quick-input-list .monaco-list-row.focused', (r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).then((t) => t.includes(title)),
    );
    await this.page.keyboard.press('Enter');
  }

  /** The visible quick input: title, placeholder, rows and validation message. */
  async quickInput() {
    return this.page.evaluate(() => {
      const w = [...document.querySelectorAll('.quick-input-widget')].find((e) => e.style.display !== 'none');
      if (!w) return null;
      return {
        title: w.querySelector('.quick-input-title')?.textContent ?? '',
        placeholder: w.querySelector('input')?.getAttribute('placeholder') ?? '',
        value: w.querySelector('input')?.value ?? '',
        rows: [...w.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')),
        message: w.querySelector('.quick-input-message')?.textContent ?? '',
      };
    });
  }

  /** Waits for a quick input whose title, placeholder or prompt contains `text`. */
  async waitQuickInput(text, timeoutMs = UI_MS) {
    return this.until(
      `quick input "${text}"`,
      async () => {
        const q = await this.quickInput();
        return q && [q.title, q.placeholder, q.message].some((t) => t.includes(text)) ? q : undefined;
      },
      timeoutMs,
    );
  }

  /** Picks the row whose label contains `label` in the open quick pick, with the keyboard. */
  async pick(label) {
    await this.until(`quick pick row "${label}"`, () => this.quickInput().then((q) => q?.rows.some((r) => r.includes(label))));
    for (let i = 0; i < 30; i++) {
      const focused = await this.page.$eval('.quick-input-list .monaco-list-row.focused', (r) => r.textContent ?? '').catch(() => '');
      if (focused.replace(NBSP, ' ').includes(label)) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not focus "${label}" in the quick pick`);
  }

  /** The modal dialog, if one is open: message, detail and buttons (the default first flagged). */
  async dialog() {
    return this.page.evaluate(() => {
      const box = document.querySelector('.monaco-dialog-box');
      if (!box) return null;
      return {
        message: box.querySelector('.dialog-message-text')?.textContent ?? '',
        detail: box.querySelector('.dialog-message-detail')?.textContent ?? '',
        buttons: [...box.querySelectorAll('.dialog-buttons .monaco-button')].map((b) => b.textContent ?? ''),
        primary: [...box.querySelectorAll('.dialog-buttons .monaco-button')].filter((b) => !b.classList.contains('secondary')).map((b) => b.textContent ?? ''),
        focused: document.activeElement?.closest('.monaco-dialog-box') ? (document.activeElement.textContent ?? '') : null,
      };
    });
  }

  async notifications() {
    return this.page.$$eval('.notifications-toasts .notification-toast', (ts) => ts.map((t) => (t.innerText ?? '').replace(/\s+/g, ' ').trim()));
  }

  async dismissNotifications() {
    const toasts = await this.page.$$('.notifications-toasts .notification-toast .codicon-notifications-clear');
    for (const t of toasts) await t.click().catch(() => undefined);
  }

  /** The hover widget's text, when one is shown. */
  async hoverText() {
    return this.page.$eval('.monaco-hover:not(.hidden) .monaco-hover-content', (h) => h.innerText).catch(() => null);
  }

  /**
   * The TextMate scopes of the token at `line:column`, innermost first and the
   * grammar's root scope last, as "Developer: Inspect Editor Tokens and
   * Scopes" shows them; closes the widget again.
   */
  async tokenScopes(line, column) {
    await this.goTo(line, column);
    await this.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const scopes = await this.until(
      'the token inspector',
      () =>
        this.page.$eval('.token-inspect-widget td.tiw-metadata-scopes', (td) =>
          td.innerText
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      15000,
    );
    await this.focusEditor();
    await this.page.keyboard.press('Escape');
    await this.until('the token inspector to close', async () => !(await this.page.$('.token-inspect-widget')), UI_MS);
    return scopes;
  }

  /** The distinct token colour classes (`mtkN`) on the active editor's rendered lines: one means no highlighting. */
  async tokenClasses() {
    return this.page.$$eval('.editor-instance .monaco-editor .view-lines .view-line span span', (spans) =>
      [...new Set(spans.flatMap((s) => [...s.classList].filter((c) => /^mtk\d+$/.test(c))))].sort(),
    );
  }

  async save() {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await this.until('active editor saved', () => this.page.$eval('.tab.active', (t) => !t.classList.contains('dirty')), UI_MS);
  }
}
