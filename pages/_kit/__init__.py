"""The page kit: the blocks every screen is built from, each written once and tested alone.

- :func:`context.page_context`: the workspace page's preamble (engine, workspace, revision, labels,
  may this person edit, today), and the plain message when a page is opened outside the app;
- :func:`outcome.run`: run a use case and show its result or its error;
- :func:`table.editable_table`: an editable table whose save is one use case (edits and deletes in
  one transaction), with the confirm dialog before deleting built in;
- :func:`actor_filter.actor_filter`: the row of filters over the register;
- :func:`files.upload_panel` and :func:`files.download_button`: uploads within the limit, downloads
  with the right type.
"""
