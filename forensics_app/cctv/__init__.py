"""CCTV exports without Qt: what each file is, its metadata and times (file name, container,
on-screen clock), pictures out of it. The services store it; the UI shows it."""
