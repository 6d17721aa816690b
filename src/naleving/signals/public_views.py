"""The public report page (/melden/): residents report anonymously, without an account.

Spam resistance without a third-party captcha: a honeypot field, a signed timestamp (too fast or too old
is refused, and each one works once), maximum lengths, and a limit per client per hour. The limit is counted in Django's cache
under a keyed hash of the IP address; the address itself is never stored, not in the database, not in
the audit log, and the hash disappears with the cache entry after an hour.
"""

from urllib.parse import urlencode

from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache

from naleving.signals import services
from naleving.signals.choices import Origin
from naleving.signals.intake_forms import MAX_SECONDS, PublicReportForm, chosen_gemeente, started_token
from naleving.signals.models import Signal

RATE_LIMIT = 5  # reports (and caught robot attempts) per client per window
RATE_WINDOW = 60 * 60
RATE_SALT = "naleving.signals.melden.rate"
RECEIPT_SALT = "naleving.signals.melden.receipt"
RECEIPT_MAX_AGE = 24 * 60 * 60
#: A spent timestamp token is remembered until it would have expired anyway (intake_forms.MAX_SECONDS).
USED_TOKEN_SECONDS = MAX_SECONDS + 60
TOKEN_USED_MESSAGE = (
    "Dit formulier is al verstuurd en werkt maar één keer. Uw eerdere melding is ontvangen. Wilt u nog iets "
    "anders melden? Kijk uw tekst na en verstuur het formulier opnieuw."
)


def report_reference(signal: Signal) -> str:
    """The number the reporter gets ("M-2026-000123"); the last part is the signal's number."""
    return f"M-{signal.received_on.year}-{signal.pk:06d}"


@never_cache
def report(request):
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "signals/melden/limited.html", status=429)
        form = PublicReportForm(request.POST)
        if form.is_valid():
            _count(request)
            if _spend_token(form.token_nonce):
                signal = _register(form)
                token = signing.dumps(report_reference(signal), salt=RECEIPT_SALT)
                return redirect(f"{reverse('melden:receipt')}?{urlencode({'bewijs': token})}")
            # A replay (a robot, or the same page sent twice): nothing is stored; a fresh token to go on.
            form.add_error(None, TOKEN_USED_MESSAGE)
            form.restart()
        elif form.is_spam:
            _count(request)
    else:
        form = PublicReportForm(initial={"started": started_token()})
    return render(request, "signals/melden/report.html", {"form": form})


def _register(form: PublicReportForm) -> Signal:
    data = form.cleaned_data
    # Never linked to a resident here: a name and address typed by anyone are not enough to open
    # somebody's file. Triage looks the person up and links the signal.
    return services.signal_register(
        actor=None,
        origin=Origin.ANONIEME_MELDING,
        kind=data["kind"],
        received_on=timezone.localdate(),
        description=data["description"],
        subject_name=data["subject_name"],
        subject_address=form.subject_address,
        reporter_contact=data["reporter_contact"],
        gemeente=chosen_gemeente(form),
    )


@never_cache
def receipt(request):
    try:
        reference = signing.loads(request.GET.get("bewijs", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        return redirect("melden:report")
    return render(request, "signals/melden/receipt.html", {"reference": reference})


def _spend_token(nonce: str) -> bool:
    """Mark the form's timestamp token as used; False when it was used before. ``cache.add`` writes only a
    key that is not there yet (one INSERT in the database cache), so two submissions cannot both win."""
    return cache.add(f"melden-used:{nonce}", 1, USED_TOKEN_SECONDS)


def _rate_key(request) -> str:
    client = request.META.get("REMOTE_ADDR", "")
    return "melden:" + salted_hmac(RATE_SALT, client, algorithm="sha256").hexdigest()


def _rate_limited(request) -> bool:
    return cache.get(_rate_key(request), 0) >= RATE_LIMIT


def _count(request) -> None:
    key = _rate_key(request)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, RATE_WINDOW)
