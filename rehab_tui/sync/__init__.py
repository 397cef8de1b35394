"""Two machines, one history: `rehab sync` through a shared folder, merged by
pycrdt (docs/architecture.md, "Sync"). Above the store: it reads and writes
only through the store's gate, and the folder only through folder.py."""
