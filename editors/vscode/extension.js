// The VS Code side of im-lint: starts `im-lint lsp` for .proposal and .voorstel files. Everything
// else (findings, completion, hover, quick fixes, formatting) is the language server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("im-lint").get("path") || "im-lint";
  client = new LanguageClient(
    "im-lint",
    "im-lint",
    { command, args: ["lsp"] },
    {
      documentSelector: [{ scheme: "file", language: "im-proposal" }, { scheme: "untitled", language: "im-proposal" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.proposal,*.voorstel,im-lint.toml,.im-lint.toml,pyproject.toml,*.yaml,*.yml}"),
      },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `im-lint: could not start \`${command} lsp\` (${error.message}). Install it with pip install 'im-lint[lsp]', or set im-lint.path.`,
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
