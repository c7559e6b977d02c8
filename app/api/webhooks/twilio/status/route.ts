// Twilio's status callback (delivery reports for the clinic's texts): signature-checked, recorded once.
import { STATUS_WEBHOOK_PATH } from '@/lib/texts/runner';
import { twilioWebhook } from '@/lib/texts/webhook-request';

export async function POST(request: Request) {
  return twilioWebhook(request, 'status', STATUS_WEBHOOK_PATH);
}
