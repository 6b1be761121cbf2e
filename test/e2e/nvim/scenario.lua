-- Driven by test/e2e/nvim.mjs: headless Neovim (0.7) as a real LSP client of
-- `apex-pattern-lint-server --stdio`. This script only acts and records what
-- Neovim holds (diagnostics, buffer text, command results) into E2E_OUT as
-- JSON; the Node side asserts. Exits 0 when it got that far, 1 otherwise.
local out_file = os.getenv('E2E_OUT')
local root = os.getenv('E2E_WORKSPACE')
local server = os.getenv('E2E_SERVER')
local out = { log = {} }

local function log(msg)
  table.insert(out.log, msg)
end

local function finish(ok)
  local f = assert(io.open(out_file, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd(ok and 'qa!' or 'cq')
end

local function wait(what, ms, probe)
  if not vim.wait(ms, probe, 50) then
    out.error = 'timed out waiting for ' .. what
    finish(false)
  end
end

-- window/showMessageRequest would become an interactive prompt and hang a headless run.
local handlers = {
  ['window/showMessageRequest'] = function()
    out.error = 'the server sent window/showMessageRequest'
    finish(false)
  end,
  ['window/showMessage'] = function(_, params)
    log('showMessage: ' .. params.message)
  end,
}

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'apex-pattern-lint',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'order-integration' } },
    handlers = handlers,
    on_exit = function(code)
      log('server exited ' .. code)
    end,
  })
  assert(client_id, 'the server did not start')
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.buf_attach_client(0, client_id)
  local bufnr = vim.api.nvim_get_current_buf()

  -- 1. Diagnostics of the open file.
  wait('diagnostics', 20000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  vim.wait(500) -- the whole publication, not its first item
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.diagnostics, { code = d.code, source = d.source, severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end

  -- 2. The timeout fix, as <code_action> would apply it.
  local timeout
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'callout-timeout-missing' then
      timeout = d
    end
  end
  assert(timeout, 'no callout-timeout-missing diagnostic')
  -- What vim.lsp.buf.code_action() sends with the cursor on the finding: the line's diagnostics.
  vim.api.nvim_win_set_cursor(0, { timeout.lnum + 1, timeout.col })
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = timeout.lnum, character = timeout.col }, ['end'] = { line = timeout.lnum, character = timeout.col } },
    context = { diagnostics = line_diagnostics },
  }, 10000)
  out.actions = {}
  local chosen
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(out.actions, action.title)
      if action.title:match('^Set an explicit timeout') then
        chosen = action
      end
    end
  end
  assert(chosen, 'the timeout fix was not offered')
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  out.fixed = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  vim.cmd('write')
  wait('the timeout finding to go', 10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'callout-timeout-missing' then
        return false
      end
    end
    return true
  end)
  out.after_fix = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.after_fix, d.code)
  end

  -- 3. A scaffold through workspace/executeCommand, applied by Neovim (workspace/applyEdit), then saved.
  local scaffold = client.request_sync('workspace/executeCommand', {
    command = 'apexPatternLint.scaffold',
    arguments = { { pattern = 'request-reply', name = 'CreditLimit', apply = true } },
  }, 20000, bufnr)
  assert(scaffold and not scaffold.err, 'executeCommand failed: ' .. vim.inspect(scaffold and scaffold.err))
  out.scaffold = scaffold.result
  vim.cmd('silent wall')
end)

if not ok then
  out.error = tostring(err)
  finish(false)
else
  finish(true)
end
