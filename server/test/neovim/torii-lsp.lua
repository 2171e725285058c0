-- Drives the Torii language server from Neovim's built-in LSP client (0.7+), headless.
-- Environment: TORII_SERVER (dist/server.js), TORII_ROOT (a notes folder), TORII_OUT (JSON result).
local server = os.getenv('TORII_SERVER')
local root = os.getenv('TORII_ROOT')
local out = os.getenv('TORII_OUT')
local result = { errors = {} }

local function write_result()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/craft/forge/tools.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'torii',
    cmd = { 'node', '--max-semi-space-size=8', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'notes-kb' } },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  result.initialized = vim.wait(15000, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 20)

  -- Diagnostics arrive on their own (pushed): wait for them, do not sleep.
  result.got_diagnostics = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  result.diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (diagnostic.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      line = diagnostic.lnum, col = diagnostic.col, severity = diagnostic.severity,
      message = diagnostic.message, code = lsp.code or diagnostic.code,
    })
  end

  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', params, 10000) or {}
  result.symbols = {}
  for _, response in pairs(symbols) do
    for _, symbol in ipairs(response.result or {}) do
      local children = {}
      for _, child in ipairs(symbol.children or {}) do table.insert(children, child.name) end
      table.insert(result.symbols, { name = symbol.name, kind = symbol.kind, children = children })
    end
  end

  -- Go to definition on the section part of `metals.md` tempering.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for number, text in ipairs(lines) do
    local column = text:find('`metals.md` tempering', 1, true)
    if column then
      local section_byte = text:find('tempering', column, true)
      -- LSP columns count UTF-16 units; this line's prefix is what counts.
      local utf16 = vim.str_utfindex(text, section_byte)
      local definition = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', {
        textDocument = params.textDocument, position = { line = number - 1, character = utf16 + 1 },
      }, 10000) or {}
      for _, response in pairs(definition) do
        local location = (response.result or {})[1]
        if location then result.definition = { uri = location.uri or location.targetUri, line = (location.range or location.targetSelectionRange).start.line } end
      end
      -- The occurrences there (what `vim.lsp.buf.document_highlight()` asks for).
      local highlights = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentHighlight', {
        textDocument = params.textDocument, position = { line = number - 1, character = utf16 + 1 },
      }, 10000) or {}
      result.highlights = {}
      for _, response in pairs(highlights) do
        for _, highlight in ipairs(response.result or {}) do table.insert(result.highlights, { line = highlight.range.start.line, kind = highlight.kind }) end
      end
      break
    end
  end
  -- Completion in a new item of a bare 🗄 list typed at the end of the note, then taken out again.
  local count = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, count, count, false, { '🗄', '* `' })
  local items = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = params.textDocument, position = { line = count + 1, character = 3 },
  }, 10000) or {}
  result.link_completion = {}
  for _, response in pairs(items) do
    local list = response.result or {}
    for _, item in ipairs(list.items or list) do table.insert(result.link_completion, item.label) end
  end
  vim.api.nvim_buf_set_lines(bufnr, count, count + 2, false, {})
  -- F2 (what vim.lsp.buf.rename() sends) on the file part of the line holding `written`, the answer
  -- applied as Neovim applies edits. Returns the error message, if any, and the line after.
  local function rename_at(written, new_name)
    for number, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local column = text:find(written, 1, true)
      if column then
        local utf16 = vim.str_utfindex(text, column + 1)
        local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/rename', {
          textDocument = params.textDocument, position = { line = number - 1, character = utf16 + 1 }, newName = new_name,
        }, 10000) or {}
        local refused = vim.NIL
        for _, response in pairs(responses) do
          if response.error then refused = response.error.message end
          if response.result then vim.lsp.util.apply_workspace_edit(response.result, 'utf-16') end
        end
        return refused, vim.api.nvim_buf_get_lines(bufnr, number - 1, number, false)[1]
      end
    end
    return 'no line holds ' .. written, vim.NIL
  end
  -- F2 on a 📚 entry's author: every citation and entry of theirs, in this buffer and in notes not
  -- open (Neovim loads them into buffers to apply the edit).
  local author_refused, author_line = rename_at('Halvorsen iron', 'Halvorsen-Berg')
  local cookware = vim.fn.bufadd(root .. '/kitchen/cookware.md')
  vim.fn.bufload(cookware)
  local other = {}
  for _, text in ipairs(vim.api.nvim_buf_get_lines(cookware, 0, -1, false)) do
    if text:find('Halvorsen', 1, true) then table.insert(other, text) end
  end
  result.author = { refused = author_refused, line = author_line, other = other }
  -- Into a folder that does not exist: Neovim before 0.10 cannot make it (its edit would fail half
  -- applied), so the server refuses and says why; later versions move the file.
  local version = vim.fn.api_info().version
  result.version = { version.major, version.minor, version.patch }
  local refused, line = rename_at('`knives.md` makers', 'blades/knives.md')
  result.new_folder = { refused = refused, moved = vim.loop.fs_stat(root .. '/kitchen/blades/knives.md') ~= nil, line = line }
  -- The links rewritten and the file renamed, with no willRenameFiles from this client.
  refused, line = rename_at('`metals.md` tempering', 'steels.md')
  if refused ~= vim.NIL then table.insert(result.errors, 'rename: ' .. tostring(refused)) end
  result.renamed = {
    exists = vim.loop.fs_stat(root .. '/craft/forge/steels.md') ~= nil,
    gone = vim.loop.fs_stat(root .. '/craft/forge/metals.md') == nil,
    line = line,
  }
  vim.lsp.stop_client(client_id)
end)
if not ok then table.insert(result.errors, tostring(err)) end
write_result()
vim.cmd('qall!')
