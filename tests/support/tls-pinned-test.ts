// A self-signed test certificate (and its key) for "recordings.pinned.test", valid until 2126: only
// for a local https server in the recording tests. Made with openssl req -x509 -newkey ec (P-256).
export const PINNED_TEST_HOST = "recordings.pinned.test";
export const PINNED_TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBuzCCAWGgAwIBAgITTuzLyLu9C3Xpipr+9uE5YXor2TAKBggqhkjOPQQDAjAh
MR8wHQYDVQQDDBZyZWNvcmRpbmdzLnBpbm5lZC50ZXN0MCAXDTI2MTIwNzE5NDYy
OFoYDzIxMjYxMTEzMTk0NjI4WjAhMR8wHQYDVQQDDBZyZWNvcmRpbmdzLnBpbm5l
ZC50ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEE8nKuTX+2154k4Qc0uev
UJpnvpVwhT9l2MOyKNUZ/hHJE0NU9Zip4OLE4+d+trdxHg/W3mMbU6B8LzugES9f
oaN2MHQwHQYDVR0OBBYEFGusxryrxEcRnR9j5kePMDCoDqCdMB8GA1UdIwQYMBaA
FGusxryrxEcRnR9j5kePMDCoDqCdMA8GA1UdEwEB/wQFMAMBAf8wIQYDVR0RBBow
GIIWcmVjb3JkaW5ncy5waW5uZWQudGVzdDAKBggqhkjOPQQDAgNIADBFAiBf1czb
MiVfF5/HBmZknyuZWWlwUcrNWb2vztLY10SGOAIhAJih0f9Xhf1qGlAu9ym2yT6I
5vPzFxBKjqmqtI6RegPM
-----END CERTIFICATE-----
`;
export const PINNED_TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbJ7A/rF/AgFsGkIw
Pkf/CORsw3LmPB2MI2M+vFu0humhRANCAAQTycq5Nf7bXniThBzS569Qmme+lXCF
P2XYw7Io1Rn+EckTQ1T1mKng4sTj5362t3EeD9beYxtToHwvO6ARL1+h
-----END PRIVATE KEY-----
`;
