"""Verifies the DKIM signature of the message on stdin with python3-dkim (dkimpy), an implementation independent
of the application's. The public key is the argument instead of a DNS record: the one TXT record the signature
names (<selector>._domainkey.<domain>, both the arguments too) answers it. Exit 0 when the signature is valid,
1 when it is not, 2 when a DNS name other than the record was asked for."""
import sys

import dkim

selector, domain, public_key = sys.argv[1:4]
record = (selector + "._domainkey." + domain + ".").encode()
asked = []


def dnsfunc(name, timeout=5):
    asked.append(name)
    return ("v=DKIM1; k=rsa; p=" + public_key).encode() if name == record else None


valid = dkim.verify(sys.stdin.buffer.read(), dnsfunc=dnsfunc)
if any(name != record for name in asked):
    print("asked DNS for", asked, "instead of", record, file=sys.stderr)
    sys.exit(2)
sys.exit(0 if valid else 1)
