"""Views by area: applicant.py (enterprises), review.py (bureau), notices.py (公示), letters.py."""
