-- Drives the Headroom server from Neovim's built-in LSP client (headless). For each file: open it,
-- wait for diagnostics, ask for a hover and for code actions, and write what came back as JSON.
-- Environment: HEADROOM_SERVER (dist/server.js), HEADROOM_FILES (files:line:col;…), HEADROOM_OUT.
local server = os.getenv('HEADROOM_SERVER')
local out = os.getenv('HEADROOM_OUT')
local results = {}

local filetypes = { alloy = 'alloy', yaml = 'yaml', xml = 'xml' }

local client_id = vim.lsp.start_client({
  name = 'headroom',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
})

-- Open every file first, so that cross-file findings (an Alloy config against its pod) are complete.
local opened = {}
for spec in string.gmatch(os.getenv('HEADROOM_FILES'), '[^;]+') do
  local file, line, col = string.match(spec, '^(.+):(%d+):(%d+)$')
  vim.cmd('edit ' .. file)
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetypes[string.match(file, '%.(%w+)$')] or 'text'
  vim.lsp.buf_attach_client(buf, client_id)
  table.insert(opened, { file = file, buf = buf, line = tonumber(line), col = tonumber(col) })
end
for _, o in ipairs(opened) do
  vim.wait(15000, function() return #vim.diagnostic.get(o.buf) > 0 end, 100)
end
-- Let the re-lint after the last file's facts settle (the server debounces by 120 ms).
vim.wait(1500, function() return false end, 100)

for _, o in ipairs(opened) do
  local buf = o.buf
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(codes, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), line = d.lnum + 1 })
  end
  local position = { line = o.line - 1, character = o.col - 1 }
  local uri = vim.uri_from_bufnr(buf)
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = position }, 10000)
  local hover_text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then hover_text = response.result.contents.value or '' end
  end
  local lsp_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.user_data and d.user_data.lsp then table.insert(lsp_diagnostics, d.user_data.lsp) end
  end
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
    context = { diagnostics = lsp_diagnostics },
  }, 10000)
  local titles = {}
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(titles, action.title) end
  end
  table.insert(results, { file = o.file, diagnostics = codes, hover = hover_text, actions = titles })
end

-- Formatting: the whole file with vim.lsp.buf.format (formatting_sync before Neovim 0.8), and one line with
-- textDocument/rangeFormatting.
local format_file = os.getenv('HEADROOM_FORMAT')
if format_file then
  local formatted = {}
  for _, kind in ipairs({ 'document', 'range' }) do
    vim.cmd('edit! ' .. format_file)
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].filetype = 'alloy'
    vim.lsp.buf_attach_client(buf, client_id)
    vim.wait(10000, function() local c = vim.lsp.get_client_by_id(client_id); return c ~= nil and c.initialized end, 50)
    if kind == 'document' then
      -- vim.lsp.buf.format arrived in Neovim 0.8; Debian's 0.7 has formatting_sync.
      if vim.lsp.buf.format then vim.lsp.buf.format({ bufnr = buf, timeout_ms = 10000 })
      else vim.lsp.buf.formatting_sync(nil, 10000) end
    else
      local line = tonumber(os.getenv('HEADROOM_FORMAT_LINE')) - 1
      local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, options = { tabSize = 4, insertSpaces = false },
        range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 1 } } }
      for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/rangeFormatting', params, 10000) or {}) do
        if response.result then vim.lsp.util.apply_text_edits(response.result, buf, 'utf-16') end
      end
    end
    formatted[kind] = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
    vim.cmd('bwipeout! ' .. buf)
  end
  table.insert(results, { file = format_file, formatted = formatted })
end

local handle = io.open(out, 'w')
handle:write(vim.fn.json_encode(results))
handle:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
