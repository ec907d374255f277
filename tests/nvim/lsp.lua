-- `airlock lsp` driven by Neovim's own LSP client (0.7.2 and later), a client nobody here wrote:
-- open a Dockerfile, wait for diagnostics, edit it with non-ASCII text (Neovim sends incremental
-- changes), request a code action and apply it, request a hover. Exits 0 when all of it held, 1
-- with the reason on standard error otherwise.
--
-- Run: AIRLOCK_BIN=target/debug/airlock nvim --headless -u NONE -c 'luafile tests/nvim/lsp.lua'
-- (tests/lsp.rs does, with a hang guard).

local WAIT_MS = 30000

local function fail(message)
  io.stderr:write('nvim lsp test: ' .. message .. '\n')
  os.exit(1)
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out[#out + 1] = tostring(d.code)
  end
  table.sort(out)
  return out
end

local function has(list, value)
  for _, v in ipairs(list) do
    if v == value then
      return true
    end
  end
  return false
end

local function wait_for(what, condition)
  if not vim.wait(WAIT_MS, condition, 20) then
    fail('timed out waiting for ' .. what)
  end
end

local function run()
  local bin = os.getenv('AIRLOCK_BIN') or fail('AIRLOCK_BIN is not set')
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local path = dir .. '/Dockerfile'
  vim.fn.writefile({
    'FROM golang:1.22 AS build',
    'RUN go build -o /app .',
    'FROM alpine:3.20',
    'COPY --from=build /app /app',
    'FORM x',
    'USER root',
  }, path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()

  local id = vim.lsp.start_client({ name = 'airlock', cmd = { bin, 'lsp' }, root_dir = dir })
  if not id then
    fail('the client did not start')
  end
  vim.lsp.buf_attach_client(bufnr, id)
  local client = vim.lsp.get_client_by_id(id)
  wait_for('initialization', function()
    return client.initialized
  end)
  if client.resolved_capabilities and not client.resolved_capabilities.code_action then
    fail('no code action capability')
  end

  wait_for('diagnostics', function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  local found = codes(bufnr)
  for _, code in ipairs({ 'syntax', 'AL104', 'AL113' }) do
    if not has(found, code) then
      fail('no ' .. code .. ' among ' .. table.concat(found, ' '))
    end
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source ~= 'airlock' then
      fail('diagnostic source ' .. tostring(d.source))
    end
  end

  -- An edit Neovim sends as an incremental change: non-ASCII text in place of the typo.
  vim.api.nvim_buf_set_lines(bufnr, 4, 5, true, { 'RUN echo "é😀" > /x' })
  wait_for('the syntax error to go', function()
    return not has(codes(bufnr), 'syntax')
  end)

  -- The quick fix for AL104 on line 6, applied as Neovim applies edits.
  local uri = vim.uri_from_bufnr(bufnr)
  local params = {
    textDocument = { uri = uri },
    range = { start = { line = 5, character = 3 }, ['end'] = { line = 5, character = 3 } },
    context = { diagnostics = {} },
  }
  local reply = client.request_sync('textDocument/codeAction', params, WAIT_MS, bufnr)
  if not reply or reply.err or not reply.result then
    fail('codeAction failed: ' .. vim.inspect(reply))
  end
  local fix
  for _, action in ipairs(reply.result) do
    if action.isPreferred and action.diagnostics and action.diagnostics[1].code == 'AL104' then
      fix = action
    end
  end
  if not fix then
    fail('no fix for AL104 in ' .. vim.inspect(reply.result))
  end
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  local user = vim.api.nvim_buf_get_lines(bufnr, 5, 6, true)[1]
  if user == 'USER root' then
    fail('the fix changed nothing')
  end
  wait_for('AL104 to go after the fix', function()
    return not has(codes(bufnr), 'AL104')
  end)
  -- The server's copy matches the buffer: the non-ASCII line survived the edits.
  if not has(codes(bufnr), 'AL113') then
    fail('AL113 lost: ' .. table.concat(codes(bufnr), ' '))
  end

  -- Hover on the base image: its size and where the figure comes from.
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = 2, character = 7 },
  }, WAIT_MS, bufnr)
  if not hover or hover.err or not hover.result then
    fail('hover failed: ' .. vim.inspect(hover))
  end
  local text = hover.result.contents.value or ''
  if not text:find('Source:', 1, true) then
    fail('hover without a source: ' .. text)
  end

  vim.lsp.stop_client(id)
  wait_for('the server to stop', function()
    return vim.lsp.get_client_by_id(id) == nil
  end)
  vim.fn.delete(dir, 'rf')
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
io.stdout:write('nvim lsp test: ok\n')
os.exit(0)
