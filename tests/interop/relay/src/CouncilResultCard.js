// A results card: one council result, refetchable by its id (Relay generates CouncilResultCardRefetchQuery on node(id:)).
import { graphql } from 'relay-runtime';

export const fragment = graphql`
  fragment CouncilResultCard_result on CouncilResult @refetchable(queryName: "CouncilResultCardRefetchQuery") {
    electionId
    council { code name }
    control { before after changed }
    seats { partyCode won change }
    version
  }
`;
