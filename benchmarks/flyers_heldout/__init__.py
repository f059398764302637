"""An independent flyer-photo generator for reporting OCR accuracy (never for tuning)."""
