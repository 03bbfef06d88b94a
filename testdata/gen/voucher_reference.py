# Independent reference for o2okit's voucher codes (run: python3 testdata/gen/voucher_reference.py).
# Python's own hmac + hashlib and hand-written Damm, Luhn and Verhoeff, from the documented layout
# (serial digits, MAC digits, check digit) and message encoding (see `voucher_message`). It prints
# the codes that crates/o2okit/tests/voucher.rs expects, and the RFC 6238 Appendix B SHA-256 TOTP
# values (which the published table must equal). No vector file is written: the voucher functions
# are not wire functions yet.
import hmac, hashlib, struct, datetime
DAMM=[[0,3,1,7,5,9,8,6,4,2],[7,0,9,2,1,5,4,8,6,3],[4,2,0,6,8,7,1,3,5,9],[1,7,5,0,9,8,3,4,2,6],[6,1,2,3,0,4,5,9,7,8],[3,6,7,4,2,0,9,5,8,1],[5,8,6,9,7,2,0,1,3,4],[8,9,4,5,3,6,2,0,1,7],[9,4,3,8,6,1,7,2,0,5],[2,5,8,1,4,3,6,7,9,0]]
def damm(s):
    i=0
    for c in s: i=DAMM[i][int(c)]
    return i
def luhn(s):
    tot=0
    for i,c in enumerate(reversed(s)):
        d=int(c)
        if i%2==0:
            d*=2
            if d>9: d-=9
        tot+=d
    return (10-tot%10)%10
# Verhoeff: D5 table, the permutation p(i) = p(1)^i, inverses.
d=[[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
p=[[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4]]
for i in range(2,8): p.append([p[1][p[i-1][j]] for j in range(10)])
inv=[0,4,3,2,1,5,6,7,8,9]
def verhoeff(s):
    c=0
    for i,ch in enumerate(reversed(s)):
        c=d[c][p[(i+1)%8][int(ch)]]
    return inv[c]
assert damm("572")==4 and luhn("7992739871")==3 and verhoeff("236")==3
def field(x):
    if x is None: return b'\x00'
    b=x.encode(); return b'\x01'+struct.pack('>I',len(b))+b
def message(digits, sd, store, deal, exp, serial):
    m=b'o2okit-voucher-v1'+bytes([digits,sd])+field(store)+field(deal)
    if exp is None: m+=b'\x00'
    else:
        dt=datetime.datetime.fromisoformat(exp)
        m+=b'\x01'+struct.pack('>q',int(dt.timestamp()))+struct.pack('>I',0)
    return m+struct.pack('>Q',serial)
def code(key, digits, sd, check, store, deal, exp, serial):
    mac=hmac.new(key, message(digits,sd,store,deal,exp,serial), hashlib.sha256).digest()
    off=mac[31]&0xf
    v=int.from_bytes(mac[off:off+8],'big') & 0x7fffffffffffffff
    s=str(serial).zfill(sd)+str(v%10**digits).zfill(digits)
    if check=='damm': s+=str(damm(s))
    elif check=='luhn': s+=str(luhn(s))
    elif check=='verhoeff': s+=str(verhoeff(s))
    return s
key=bytes(range(32))
cases=[
 (12,8,'damm','S1','hotpot-for-2','2026-04-01T00:00:00+08:00',0),
 (12,8,'damm','S1','hotpot-for-2','2026-04-01T00:00:00+08:00',42),
 (12,8,'damm',None,None,None,42),
 (12,8,'damm','S2','hotpot-for-2','2026-04-01T00:00:00+08:00',42),
 (12,8,'damm','门店-上海-01',None,None,99999999),
 (18,15,'verhoeff',None,'d',None,999999999999999),
 (6,1,'none',None,None,None,7),
 (8,6,'luhn','S1',None,'2026-12-31T23:59:59Z',123456),
]
for c in cases:
    print(c, code(key,*c))
# HOTP with HMAC-SHA256 (4-byte truncation) against RFC 6238 Appendix B, SHA-256 column.
k=b'12345678901234567890123456789012'
published={59:'46119246',1111111109:'68084774',1111111111:'67062674',1234567890:'91819424',
           2000000000:'90698825',20000000000:'77737706'}
for t, want in published.items():
    mac=hmac.new(k, struct.pack('>Q',t//30), hashlib.sha256).digest()
    off=mac[31]&0xf
    v=int.from_bytes(mac[off:off+4],'big')&0x7fffffff
    got=str(v%10**8).zfill(8)
    assert got==want, (t, got, want)
    print(t, t//30, got)
