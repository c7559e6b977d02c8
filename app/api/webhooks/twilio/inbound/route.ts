// Twilio's inbound-message webhook (replies to the clinic's texts): signature-checked, recorded once.
import { INBOUND_WEBHOOK_PATH } from '@/lib/texts/runner';
import { twilioWebhook } from '@/lib/texts/webhook-request';

export async function POST(request: Request) {
  return twilioWebhook(request, 'inbound', INBOUND_WEBHOOK_PATH);
}
