"""Block-request library for illegal-ad phone numbers (no forensics_app, no Qt)."""
