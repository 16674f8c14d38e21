"""Views by area: applicant.py (enterprises), review.py (bureau), notices.py (公示), letters.py."""

from django.shortcuts import render


def placeholder(request, title=""):
    return render(request, "placeholder.html", {"title": title})
