import type { DemoSeedContext } from '../demo/seeders.js';

export async function seedCouncil({ services, ctx }: DemoSeedContext): Promise<void> {
  const current = await services.settings.get();
  await services.settings.setCouncilName(ctx, 'Demo Borough Council', current.version);
}
