import { getServiceStatus } from "$lib/server/health";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => ({ status: await getServiceStatus(event) });
