"""Synthetic street photos of Korean ad flyers, with ground truth, for the OCR benchmark."""
