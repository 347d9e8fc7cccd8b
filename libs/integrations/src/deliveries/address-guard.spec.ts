import { guardedLookup, refusedAddress } from './address-guard';

/** The lookup's answer as a promise: the address it lets through, or the error it refuses with. */
const lookUp = (lookup: ReturnType<typeof guardedLookup>, host: string) =>
  new Promise<string>((resolve) => lookup(host, {}, (error, address) => resolve(error ? `refused: ${error.message}` : String(address))));

describe('webhook address guard (SSRF)', () => {
  it('lets public unicast through and refuses private, loopback, link-local and the like, IPv4 and IPv6', () => {
    for (const ok of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) expect(refusedAddress(ok)).toBeUndefined();
    const refused = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', '255.255.255.255', '::7f00:1', '::a9fe:a9fe'];
    for (const address of refused) expect(refusedAddress(address)).toMatch(/ is an? /);
    expect(refusedAddress('not-an-ip')).toMatch(/not an IP address/);
  });

  it('refuses a name any of whose addresses is private, and lets everything through where private networks are allowed', async () => {
    const names: Record<string, { address: string; family: number }[]> = {
      'internal.example': [{ address: '10.0.0.7', family: 4 }],
      'mixed.example': [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.2', family: 4 }],
      'public.example': [{ address: '93.184.216.34', family: 4 }],
    };
    const resolve = async (host: string) => names[host] ?? [];
    const guarded = guardedLookup(false, resolve);
    expect(await lookUp(guarded, 'internal.example')).toMatch(/refused: internal\.example: 10\.0\.0\.7 is a private address/);
    expect(await lookUp(guarded, 'mixed.example')).toMatch(/refused: .*192\.168\.0\.2/);
    expect(await lookUp(guarded, 'public.example')).toBe('93.184.216.34');
    expect(await lookUp(guarded, 'nowhere.example')).toMatch(/has no address/);
    expect(await lookUp(guardedLookup(true, resolve), 'internal.example')).toBe('10.0.0.7');
  });

  it('refuses localhost through the real resolver', async () => {
    expect(await lookUp(guardedLookup(false), 'localhost')).toMatch(/refused: localhost: .* is a loopback address/);
  });
});
