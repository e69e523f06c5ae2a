// Words of seeded statuses and names of seeded hashtags, most common first (they are drawn by rank).

export const WORDS = `the coffee morning and a train to rain with release music weekend garden city
walk lunch book movie ocean design review deploy launch bug postgres friends today tonight new good
small quiet long cold warm bright late early window river mountain kitchen bread tea bicycle market
station bridge harbour forest library museum concert festival street corner park island valley desert
snow storm cloud sunset sunrise moon star planet rocket robot server database query index cache
kernel compiler editor keyboard screen laptop phone camera photo painting drawing poem story novel
chapter letter postcard journey holiday summer winter autumn spring birthday dinner breakfast soup
salad pasta pizza noodles cheese apple orange lemon cherry chocolate honey pepper garlic onion tomato`
  .split(/\s+/)
  .filter(Boolean);

const COMMON_TAGS = `coffee music photography caturday books running gardening cooking travel art
programming opensource postgres linux design science history climate football cycling`
  .split(/\s+/)
  .filter(Boolean);

/** A few common hashtags, then a long tail. */
export const TAG_NAMES = [
  ...COMMON_TAGS,
  ...Array.from({ length: 2000 - COMMON_TAGS.length }, (_, i) => `topic${i + 1}`),
];
