from django.shortcuts import render


def signup(request):
    return render(request, "placeholder.html", {"title": "企业注册"})
