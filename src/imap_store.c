/* placeholder */ typedef int tern_placeholder_imap_store;
