from forensics_app.cli import main

raise SystemExit(main())
