import { toPrefixQuery } from './market-services';

describe('market words', () => {
  it('makes every word a required prefix, letters and digits only, at most eight words', () => {
    expect(toPrefixQuery('Mini prog')).toBe('mini:* & prog:*');
    expect(toPrefixQuery("coffee' | !shop:* 24h")).toBe('coffee:* & shop:* & 24h:*');
    expect(toPrefixQuery('a b c d e f g h i j')).toBe('a:* & b:* & c:* & d:* & e:* & f:* & g:* & h:*');
    expect(toPrefixQuery(' & | ! ')).toBeNull();
  });
});
